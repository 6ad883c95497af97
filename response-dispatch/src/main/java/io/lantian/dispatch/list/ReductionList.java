package io.lantian.dispatch.list;

import java.util.List;

/** One year's reduction list as published (the JSON import's and the seed file's shape). */
public record ReductionList(int year, Boolean demo, String note, List<ListedEnterprise> enterprises) {

    public ReductionList {
        demo = Boolean.TRUE.equals(demo);
        enterprises = enterprises == null ? List.of() : List.copyOf(enterprises);
    }
}
