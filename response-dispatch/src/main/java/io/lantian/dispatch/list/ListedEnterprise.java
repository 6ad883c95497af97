package io.lantian.dispatch.list;

import io.lantian.common.events.WarningEvent.WarningLevel;

import java.util.List;
import java.util.Map;

/**
 * An enterprise on the emergency emission-reduction list (应急减排清单) with its measures per warning level.
 *
 * @param enterpriseId 统一社会信用代码
 * @param grade        performance grade (A+/A/B/B-/C/D/引领性/非引领性/exempt classes)
 */
public record ListedEnterprise(String enterpriseId, String name, String regionId, String township, String industry,
                               String grade, Map<WarningLevel, List<String>> measures) {
}
