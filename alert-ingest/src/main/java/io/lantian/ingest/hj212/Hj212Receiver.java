package io.lantian.ingest.hj212;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.ingest.reading.IntakeOutcome;
import io.lantian.ingest.reading.IntakeRefused;
import io.lantian.ingest.reading.RawReading;
import io.lantian.ingest.reading.ReadingIntake;
import io.lantian.ingest.station.Station;
import io.lantian.ingest.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * What the receiver does with each frame, in the order of HJ 212 6.3.1 and the receiver guidance: frame and
 * CRC (already checked by the decoder) → header fields → MN and password against the registry → command →
 * readings into the intake → answer.
 *
 * <ul>
 *   <li>No answer to anything that fails before the station is known (bad frame, CRC, malformed header,
 *       unknown MN, wrong password): the standard ends execution on a CRC error, and a stranger gets nothing
 *       to learn from. Nothing of it reaches Kafka either: only a registered station may write there.</li>
 *   <li>Data (2011/2051/2061/2031): readings go through the same intake as every other path; the 9014 answer
 *       (when Flag bit A asks) is sent only after the broker acknowledged all of them, accepted and rejected.
 *       A packet whose content the validator rejects is still answered: sending it again would not fix it,
 *       and it is kept with its reason on the rejected topic. If the intake cannot take the packet (broker
 *       down, overloaded) there is no answer, so the station sends it again.</li>
 *   <li>Other uploads are answered 9014 when asked, notifications 9013; station answers are never answered.</li>
 * </ul>
 */
public final class Hj212Receiver implements Hj212Server.Handler {

    private static final Logger log = LoggerFactory.getLogger(Hj212Receiver.class);
    private static final String NO_CN = "unknown";

    private final StationRegistry stations;
    private final ReadingIntake intake;
    private final Hj212Readings readings;
    private final Hj212Metrics metrics;

    public Hj212Receiver(StationRegistry stations, ReadingIntake intake, Hj212Readings readings, Hj212Metrics metrics) {
        this.stations = stations;
        this.intake = intake;
        this.readings = readings;
        this.metrics = metrics;
    }

    @Override
    public Hj212Server.Response handle(Hj212Decoded input, Hj212Session session) {
        if (input instanceof Hj212FrameDefect defect) {
            metrics.packet(NO_CN, defect.defect().result());
            logDefect(session, defect.defect(), defect.excerpt() + " (" + defect.length() + " bytes)");
            return Hj212Server.Response.DEFECT;
        }
        Hj212Frame frame = (Hj212Frame) input;
        Hj212Parsed parsed = Hj212Parser.parse(frame.segment());
        if (parsed instanceof Hj212Malformed malformed) {
            metrics.packet(malformed.cn() == null ? NO_CN : Hj212Command.tag(malformed.cn()), malformed.defect().result());
            logDefect(session, malformed.defect(), malformed.detail());
            return Hj212Server.Response.DEFECT;
        }
        Hj212Packet packet = (Hj212Packet) parsed;
        String cn = Hj212Command.tag(packet.cn());
        Optional<Station> station = stations.findByMn(packet.mn());
        if (station.isEmpty() || !station.get().hj212PasswordMatches(packet.pw())) {
            String result = station.isEmpty() ? "unknown_station" : "bad_password";
            metrics.packet(cn, result);
            if (session.firstAuthFailure()) {
                log.warn("HJ 212 packet from {} refused: {} for MN {} (not answered)", session.remote(), result, packet.mn());
            } else {
                log.debug("HJ 212 packet from {} refused: {} for MN {}", session.remote(), result, packet.mn());
            }
            return Hj212Server.Response.DEFECT;
        }
        Hj212Edition edition = readings.codes().edition(packet.version());
        Optional<Hj212Command> command = Hj212Command.of(packet.cn());
        if (command.isEmpty()) {
            metrics.packet(cn, "ignored");
            log.debug("HJ 212 CN {} from MN {} ({}) is not handled; not answered", packet.cn(), packet.mn(), edition.name());
            return Hj212Server.Response.NONE;
        }
        return switch (command.get().kind()) {
            case DATA -> data(packet, command.get(), station.get(), frame, session, edition);
            case UPLOAD -> {
                metrics.packet(cn, "ignored");
                log.debug("HJ 212 {} from MN {} not stored", packet.cn(), packet.mn());
                yield packet.wantsAnswer() ? Hj212Server.Response.reply(Hj212Replies.dataAnswer(packet, edition)) : Hj212Server.Response.NONE;
            }
            case NOTIFICATION -> {
                metrics.packet(cn, "answered");
                yield packet.wantsAnswer() ? Hj212Server.Response.reply(Hj212Replies.notificationAnswer(packet, edition)) : Hj212Server.Response.NONE;
            }
            case ANSWER -> {
                metrics.packet(cn, "ignored");
                yield Hj212Server.Response.NONE;
            }
        };
    }

    private Hj212Server.Response data(Hj212Packet packet, Hj212Command command, Station station, Hj212Frame frame,
                                      Hj212Session session, Hj212Edition edition) {
        String cn = command.code();
        String dataTime = session.splits().dataTime(packet, System.nanoTime());
        List<RawReading> batch = readings.readings(packet, command, station, dataTime, Hj212Redaction.withoutPassword(frame.text()));
        if (batch.isEmpty()) {
            metrics.packet(cn, "empty");
            log.debug("HJ 212 {} from {} holds none of the six pollutants", cn, station.stationId());
            return answerIfAsked(packet, edition);
        }
        List<IntakeOutcome> outcomes;
        try {
            outcomes = intake.submit(batch, ReadingAccepted.Source.HJ212);
        } catch (IntakeRefused e) {
            metrics.packet(cn, "refused");
            log.warn("HJ 212 {} QN {} from {} not answered, the station will send it again: {}", cn, packet.qn(),
                    station.stationId(), e.getMessage());
            return Hj212Server.Response.NONE;
        }
        long accepted = outcomes.stream().filter(IntakeOutcome::isAccepted).count();
        metrics.packet(cn, accepted > 0 ? "accepted" : "rejected");
        if (accepted < outcomes.size()) { // each rejection is on the rejected topic and counted by reason
            log.debug("HJ 212 {} QN {} from {} ({}): {} of {} readings rejected, e.g. {}", cn, packet.qn(), station.stationId(),
                    edition.name(), outcomes.size() - accepted, outcomes.size(),
                    outcomes.stream().filter(o -> !o.isAccepted()).findFirst().map(IntakeOutcome::message).orElse(""));
        }
        return answerIfAsked(packet, edition);
    }

    private static Hj212Server.Response answerIfAsked(Hj212Packet packet, Hj212Edition edition) {
        return packet.wantsAnswer() ? Hj212Server.Response.reply(Hj212Replies.dataAnswer(packet, edition)) : Hj212Server.Response.NONE;
    }

    private static void logDefect(Hj212Session session, Hj212Defect defect, String detail) {
        if (session.firstOf(defect)) {
            log.warn("HJ 212 input from {} dropped: {} {} (not answered; further ones on this connection are logged at debug)",
                    session.remote(), defect, detail);
        } else {
            log.debug("HJ 212 input from {} dropped: {} {}", session.remote(), defect, detail);
        }
    }
}
