/**
 * Ward for Spring Boot: auto-configuration of an {@link dev.ward.AuthManager} from
 * {@code ward.*} properties, with Spring Security integration.
 */
package dev.ward.spring;
