/** Test fixtures shared by integration tests: a cuttable TCP proxy, DynamoDB Local, a forked Cassandra. */
package dev.switchboard.testing;
