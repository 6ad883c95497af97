package io.lantian.dispatch.notify;

import io.lantian.common.json.EventJson;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * 钉钉自定义机器人: {@code {"msgtype":"markdown","markdown":{"title":"…","text":"…"}}} POSTed to the robot's URL
 * ({@code https://oapi.dingtalk.com/robot/send?access_token=…}), with {@code timestamp} and {@code sign}
 * appended when the channel has a 加签 secret ({@link DingTalkSigning}). Signed anew for every attempt.
 */
@Component
class DingTalkRobot implements ChannelSender {

    // DingTalk takes larger messages; the same bound as WeCom keeps both channels' messages alike
    static final int MAX_BYTES = 4096;

    private final NotifyHttp http;
    private final NotifyProperties properties;

    DingTalkRobot(NotifyHttp http, NotifyProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    @Override
    public ChannelType type() {
        return ChannelType.DINGTALK;
    }

    @Override
    public SendOutcome send(NotifyChannel channel, OfficerMessage message) {
        String text = message.dingTalkMarkdown(properties.zone(), properties.maxLines(), MAX_BYTES);
        String body = EventJson.mapper().writeValueAsString(Map.of("msgtype", "markdown",
                "markdown", Map.of("title", message.title(), "text", text)));
        String url = channel.secret() == null ? channel.url()
                : DingTalkSigning.signedUrl(channel.url(), channel.secret(), System.currentTimeMillis());
        return RobotAnswers.outcome(http.postJson(url, Map.of(), body));
    }
}
