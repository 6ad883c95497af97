package io.lantian.dispatch.notify;

import io.lantian.common.json.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * WeCom and DingTalk robots answer HTTP 200 with {@code {"errcode":0,"errmsg":"ok"}} when they took a
 * message; any other errcode (a wrong key, a rate limit, a bad body) is a failure whose errmsg is kept.
 */
final class RobotAnswers {

    private RobotAnswers() {
    }

    static SendOutcome outcome(NotifyHttp.Answer answer) {
        if (!answer.answered()) {
            return SendOutcome.failed(answer.failure());
        }
        if (answer.status() != 200) {
            return SendOutcome.failed("HTTP " + answer.status() + (answer.body().isBlank() ? "" : ": " + answer.body()));
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(answer.body());
        } catch (RuntimeException e) {
            return SendOutcome.failed("HTTP 200 without a JSON answer: " + answer.body());
        }
        JsonNode errcode = json.get("errcode");
        if (errcode == null || !errcode.isNumber()) {
            return SendOutcome.failed("HTTP 200 without errcode: " + answer.body());
        }
        if (errcode.asInt() == 0) {
            return SendOutcome.ok();
        }
        JsonNode errmsg = json.get("errmsg");
        return SendOutcome.failed("errcode " + errcode.asInt() + ": " + (errmsg == null ? "" : errmsg.asString()));
    }
}
