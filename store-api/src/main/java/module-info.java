/**
 * The storage SPIs of Ward: {@link dev.ward.store.UserRepository},
 * {@link dev.ward.store.TokenStore}, {@link dev.ward.store.LoginAttemptStore},
 * {@link dev.ward.store.OneTimeTokenStore} and {@link dev.ward.store.SecondFactorStore}, their
 * records and exceptions. Implementations live in their own modules and depend only on this one.
 */
module dev.ward.store {
    exports dev.ward.store;
}
