/** Spring Boot Actuator for Ward: a health indicator of Ward's stores. */
package dev.ward.spring.actuate;
