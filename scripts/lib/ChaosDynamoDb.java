import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * DynamoDB Local for scripts/chaos.sh, as a process of its own: ChaosDynamoDb PORT DBPATH. Its own launcher
 * (ServerRunner) listens on every interface; this binds 127.0.0.1 only and never starts telemetry (the way
 * src/test/java/dev/switchboard/testing/DynamoDbLocal does), keeps its tables in DBPATH (one shared SQLite file,
 * so a SIGKILL and restart keeps them, as a real store's disk would) and creates soketi's "apps" table (AppId,
 * index AppKeyIndex on AppKey) when it is missing. Classpath: the project's test classpath.
 */
public class ChaosDynamoDb {
  @SuppressWarnings("unchecked") // the SDK builders' varargs of lambdas
  public static void main(String[] args) throws Exception {
    // no logging configuration on this classpath: logback would log every request at DEBUG
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    int port = Integer.parseInt(args[0]);
    var requests = new LocalDynamoDBRequestHandler(0, false, args[1], true, false);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ContextHandler context = new ContextHandler();
    context.setHandler(new LocalDynamoDBServerHandler(requests, null));
    server.setHandler(context);
    server.start();
    try (var client = DynamoDbAsyncClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      client.createTable(r -> r.tableName("apps").billingMode("PAY_PER_REQUEST")
          .attributeDefinitions(a -> a.attributeName("AppId").attributeType("S"),
              a -> a.attributeName("AppKey").attributeType("S"))
          .keySchema(k -> k.attributeName("AppId").keyType("HASH"))
          .globalSecondaryIndexes(g -> g.indexName("AppKeyIndex").keySchema(k -> k.attributeName("AppKey")
              .keyType("HASH")).projection(p -> p.projectionType("ALL")))).join();
      System.out.println("table apps created");
    } catch (java.util.concurrent.CompletionException e) {
      if (!(e.getCause() instanceof ResourceInUseException)) {
        throw e;
      }
      System.out.println("table apps already there");
    }
    System.out.println("ready on 127.0.0.1:" + port);
    server.join();
  }
}
