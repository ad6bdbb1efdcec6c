/**
 * The {@code dynamodb} app store on the AWS SDK v2 async client. Two layouts: soketi's (hash key
 * {@code AppId}, GSI {@code AppKeyIndex} on {@code AppKey}, PascalCase attributes, {@code Webhooks} as a JSON
 * string) and Sockudo's (hash key {@code id}, GSI {@code KeyIndex} on {@code key}, snake_case). Lookups call
 * only GetItem and Query, never Scan. Imports the {@code app} SPI and {@code config} only.
 */
package dev.switchboard.app.store.dynamodb;
