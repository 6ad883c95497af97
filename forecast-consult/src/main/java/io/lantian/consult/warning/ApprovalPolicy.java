package io.lantian.consult.warning;

import io.lantian.common.events.WarningEvent.WarningLevel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may decide a warning of which level (e.g. yellow and orange by the duty officer, red only by the
 * leader who signs it — in Taiyuan's plan the deputy mayor signs yellow/orange and the mayor red).
 * Configured as {@code lantian.consult.approval.roles-by-level}.
 */
@ConfigurationProperties("lantian.consult.approval")
public record ApprovalPolicy(Map<WarningLevel, List<String>> rolesByLevel) {

    public ApprovalPolicy {
        rolesByLevel = rolesByLevel == null ? Map.of() : Map.copyOf(rolesByLevel);
    }

    /** @throws AccessDeniedException (answered 403) when none of the caller's roles may decide this level */
    public void check(Authentication who, WarningLevel level) {
        List<String> allowed = rolesByLevel.getOrDefault(level, List.of());
        Set<String> roles = who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toSet());
        if (allowed.stream().noneMatch(roles::contains)) {
            throw new AccessDeniedException("a " + level + " warning is decided by " + allowed);
        }
    }
}
