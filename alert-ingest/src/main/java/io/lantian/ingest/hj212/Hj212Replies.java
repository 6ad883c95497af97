package io.lantian.ingest.hj212;

/**
 * The answers this platform sends (appendix C): the packet's own QN, PW and MN, ST=91 (系统交互), an empty
 * CP, and Flag with the edition's version bits and neither A nor D. Each part of a split message is answered
 * with its own QN.
 */
public final class Hj212Replies {

    private Hj212Replies() {
    }

    /** CN 9014 数据应答: the answer to an upload whose Flag bit A is set. */
    public static byte[] dataAnswer(Hj212Packet packet, Hj212Edition edition) {
        return answer("9014", packet, edition);
    }

    /** CN 9013 通知应答: the answer to a notification (1013, 9015) whose Flag bit A is set. */
    public static byte[] notificationAnswer(Hj212Packet packet, Hj212Edition edition) {
        return answer("9013", packet, edition);
    }

    private static byte[] answer(String cn, Hj212Packet packet, Hj212Edition edition) {
        // QN, PW and MN passed the parser's character checks: none can inject a ';' or '&&' here
        return Hj212Frame.encode("QN=" + packet.qn() + ";ST=91;CN=" + cn + ";PW=" + packet.pw() + ";MN=" + packet.mn()
                + ";Flag=" + edition.answerFlag() + ";CP=&&&&");
    }
}
