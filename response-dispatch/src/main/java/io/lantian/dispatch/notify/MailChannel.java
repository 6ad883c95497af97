package io.lantian.dispatch.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP as {@code spring.mail.*} configures it: one plain-text UTF-8 mail per message to the
 * channel's addresses. Without {@code spring.mail.host} there is no mail sender, and an EMAIL channel
 * stops the service at start (see {@link NotificationWorker}).
 */
@Component
class MailChannel implements ChannelSender {

    // mail has no size trouble: it lists far more lines than a chat message
    static final int MAX_LINES = 500;

    private final ObjectProvider<JavaMailSender> mail;
    private final NotifyProperties properties;

    MailChannel(ObjectProvider<JavaMailSender> mail, NotifyProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    boolean available() {
        return mail.getIfAvailable() != null;
    }

    @Override
    public SendOutcome send(NotifyChannel channel, OfficerMessage message) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return SendOutcome.failed("no mail sender: spring.mail.host is not set");
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(channel.to().toArray(String[]::new));
            helper.setSubject(message.title());
            helper.setText(message.plainText(properties.zone(), MAX_LINES), false);
            sender.send(mime);
            return SendOutcome.ok();
        } catch (MailException | MessagingException e) {
            return SendOutcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
