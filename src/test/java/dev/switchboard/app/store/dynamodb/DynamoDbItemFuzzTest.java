package dev.switchboard.app.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.app.AppEdits;
import dev.switchboard.app.AppException;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.fuzz.StoreRow;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An app item of a DynamoDB table (soketi's attribute names and types: S, N, BOOL, B holding text, L, SS):
 * {@link DynamoDbItems#definition} then the store's check give an app or an {@link AppException}.
 */
class DynamoDbItemFuzzTest {
  @FuzzTest
  void item(byte[] data) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (StoreRow.Cell c : StoreRow.cells(data)) {
      AttributeValue v = switch (c.tag()) {
        case "n", "d", "l", "i" -> c.decimal() == null ? null : AttributeValue.fromN(c.text().trim());
        case "b" -> AttributeValue.fromBool(Boolean.valueOf(c.text()));
        case "x" -> AttributeValue.fromB(SdkBytes.fromString(c.text(), StandardCharsets.UTF_8));
        case "ls" -> AttributeValue.fromL(Arrays.stream(c.text().split("\\|")).map(AttributeValue::fromS).toList());
        case "ss" -> AttributeValue.fromSs(Arrays.stream(c.text().split("\\|")).distinct().toList());
        default -> AttributeValue.fromS(c.text());
      };
      if (v != null) {
        item.put(c.column(), v);
      }
    }
    try {
      assertNotNull(AppEdits.parse(DynamoDbItems.definition(item), ServerLimits.DEFAULTS, "applications"));
    } catch (AppException refused) {
      assertNotNull(refused.getMessage());
    }
  }
}
