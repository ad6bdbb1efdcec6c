/**
 * Apps and where they come from: the {@link dev.switchboard.app.App} record, the parser that reads every
 * peer's field names ({@link dev.switchboard.app.AppField} for the canonical ones), the read SPI {@link
 * dev.switchboard.app.AppStore} used on the hot path, the write SPI {@link dev.switchboard.app.AppAdmin} used to
 * manage apps, and the {@link dev.switchboard.app.CachingAppStore} in front of every database driver. Drivers
 * live in {@code app.store.*} and import only this package and {@code config}; only {@link
 * dev.switchboard.app.AppStores} names them.
 */
package dev.switchboard.app;
