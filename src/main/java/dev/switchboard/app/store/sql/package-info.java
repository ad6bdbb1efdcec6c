/**
 * The {@code mysql} (MySQL 5.7+, MariaDB) and {@code postgres} (12+) app stores on the async Vert.x SQL
 * clients. The table is created when missing and missing columns are added; existing tables in soketi's
 * {@code apps} layout or Sockudo's {@code applications} layout are read as they are, their columns matched to
 * {@link dev.switchboard.app.AppField}s by name (soketi's short names such as {@code max_read_req_per_sec}
 * included). Imports the {@code app} SPI and {@code config} only.
 */
package dev.switchboard.app.store.sql;
