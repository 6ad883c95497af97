package io.lantian.dispatch.notify;

/** How a channel reaches officers. */
public enum ChannelType {
    /** 企业微信群机器人: markdown to the robot's webhook URL (its key is in the URL) */
    WECOM,
    /** 钉钉自定义机器人: markdown to the robot's URL (access_token in it), signed with 加签 when a secret is set */
    DINGTALK,
    /** one plain-text mail per message over SMTP ({@code spring.mail.*}) */
    EMAIL,
    /** JSON with the notices, signed as Standard Webhooks ({@code whsec_…} secret) */
    WEBHOOK;

    /** The {@code channel_type} tag and column value. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
