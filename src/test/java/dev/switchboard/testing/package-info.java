/**
 * Test fixtures shared by integration tests: a cuttable TCP proxy, a hand-written WebSocket client, a JDK
 * WebSocket listener that queues texts, DynamoDB Local, ElasticMQ, a connection to the local RabbitMQ, a forked
 * Cassandra.
 */
package dev.switchboard.testing;
