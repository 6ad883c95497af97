package io.lantian.dispatch.list;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CreditCodeTest {

    @Test
    void acceptsCodesWithTheRightCheckCharacter() {
        // the check characters of the demo list, computed by GB 32100-2015's weights independently of this class
        assertThat(CreditCode.isValid("91410308MA9F0001K3")).isTrue();
        assertThat(CreditCode.isValid("91410308MA9F0004NF")).isTrue();
        // the sample code commonly quoted with GB 32100-2015
        assertThat(CreditCode.isValid("91350100M000100Y43")).isTrue();
    }

    @Test
    void refusesWrongLengthForbiddenCharactersAndWrongCheckCharacters() {
        assertThat(CreditCode.problem("91410308MA9F0001K")).contains("18 characters");
        assertThat(CreditCode.problem("91410308MA9F0001I3")).contains("not allowed");
        assertThat(CreditCode.problem("91410308MA9F0001K4")).contains("should be 3");
        assertThat(CreditCode.problem(null)).isNotNull();
    }
}
