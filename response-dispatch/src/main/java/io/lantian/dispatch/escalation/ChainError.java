package io.lantian.dispatch.escalation;

/** Why a chain is refused: which field ({@code steps[1].after}) and what is wrong with it. */
public record ChainError(String field, String reason) {
}
