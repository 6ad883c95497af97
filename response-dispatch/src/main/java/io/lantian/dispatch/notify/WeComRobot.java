package io.lantian.dispatch.notify;

import io.lantian.common.json.EventJson;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * 企业微信群机器人: {@code {"msgtype":"markdown","markdown":{"content":"…"}}} POSTed to the robot's URL
 * ({@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…}). The content may hold at most 4096 bytes
 * of UTF-8.
 */
@Component
class WeComRobot implements ChannelSender {

    static final int MAX_BYTES = 4096;

    private final NotifyHttp http;
    private final NotifyProperties properties;

    WeComRobot(NotifyHttp http, NotifyProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WECOM;
    }

    @Override
    public SendOutcome send(NotifyChannel channel, OfficerMessage message) {
        String content = message.weComMarkdown(properties.zone(), properties.maxLines(), MAX_BYTES);
        String body = EventJson.mapper().writeValueAsString(Map.of("msgtype", "markdown", "markdown", Map.of("content", content)));
        return RobotAnswers.outcome(http.postJson(channel.url(), Map.of(), body));
    }
}
