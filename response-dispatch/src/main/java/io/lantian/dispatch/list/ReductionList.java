package io.lantian.dispatch.list;

import java.util.List;

/** One year's reduction list as published (the seed file's shape). */
public record ReductionList(int year, boolean demo, String note, List<ListedEnterprise> enterprises) {
}
