package io.lantian.ingest.hj212;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Hj212RepliesTest {

    /** Appendix C: the data answer echoes QN, PW and MN, with ST=91, CN=9014, Flag=4 and an empty CP. */
    @Test
    void answersTheDocsSampleExactly() {
        Hj212Packet sample = Hj212ParserTest.packet("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=5;CP=&&"
                + "DataTime=20261129080000;a34004-Avg=168,a34004-Flag=N;a34002-Avg=221,a34002-Flag=N;a21026-Avg=12,a21026-Flag=N;"
                + "a21004-Avg=48,a21004-Flag=N;a05024-Avg=20,a05024-Flag=M;a21005-Avg=1.4,a21005-Flag=N&&");

        byte[] answer = Hj212Replies.dataAnswer(sample, Hj212Codes.standard().edition(sample.version()));

        assertThat(new String(answer, StandardCharsets.US_ASCII))
                .isEqualTo("##0078QN=20261129090012345;ST=91;CN=9014;PW=demo-pw;MN=MJ410308000001;Flag=4;CP=&&&&84C1\r\n");
    }

    @Test
    void answersNotificationsWith9013() {
        Hj212Packet request = Hj212ParserTest.packet("QN=20261129090012345;ST=22;CN=1013;PW=demo-pw;MN=MJ410308000001;Flag=5;CP=&&&&");

        String answer = new String(Hj212Replies.notificationAnswer(request, Hj212Codes.standard().edition(1)), StandardCharsets.US_ASCII);

        assertThat(answer).startsWith("##0078QN=20261129090012345;ST=91;CN=9013;PW=demo-pw;MN=MJ410308000001;Flag=4;CP=&&&&")
                .endsWith("\r\n");
    }

    /** The 2025 edition's answers carry its own version bits; unknown versions are answered as 2017. */
    @Test
    void theAnswerFlagFollowsTheEditionTable() {
        Hj212Codes codes = Hj212Codes.standard();
        assertThat(codes.edition(2).answerFlag()).isEqualTo(8);
        assertThat(codes.edition(2).confirmed()).isFalse();
        assertThat(codes.edition(0).answerFlag()).isEqualTo(4);
        assertThat(codes.edition(17).answerFlag()).isEqualTo(4);
        assertThat(codes.edition(17).name()).isEqualTo("unknown version 17");
    }
}
