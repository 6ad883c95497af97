package io.lantian.ingest.hj212;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The command codes (CN, table 9) a station sends to this platform, and what the receiver does with each.
 * Codes not listed here are logged and not answered.
 */
public enum Hj212Command {

    /** 上传污染物实时数据: {@code -Rtd} values; DataTime is the sampling instant. */
    REALTIME("2011", Kind.DATA, "Rtd", Duration.ofMinutes(1), false),
    /** 上传污染物分钟数据: DataTime starts an interval of the station's MinInterval (not in the packet: configured). */
    MINUTE("2051", Kind.DATA, "Avg", null, true),
    /** 上传污染物小时数据: DataTime starts the hour. */
    HOUR("2061", Kind.DATA, "Avg", Duration.ofHours(1), true),
    /** 上传污染物日历史数据: DataTime starts the day. */
    DAY("2031", Kind.DATA, "Avg", Duration.ofHours(24), true),

    RUN_STATE("2021", Kind.UPLOAD, null, null, false),
    RUN_TIME("2041", Kind.UPLOAD, null, null, false),
    BOOT_TIME("2081", Kind.UPLOAD, null, null, false),

    /** 现场机时间校准请求; answered 9013 (setting the clock with 1012 is not done here). */
    TIME_CALIBRATION_REQUEST("1013", Kind.NOTIFICATION, null, null, false),
    /** Heartbeat, HJ 212-2025 only as seen in one implementation (unconfirmed); answered 9013. */
    HEARTBEAT("9015", Kind.NOTIFICATION, null, null, false),

    REQUEST_ANSWER("9011", Kind.ANSWER, null, null, false),
    EXECUTION_RESULT("9012", Kind.ANSWER, null, null, false),
    NOTIFICATION_ANSWER("9013", Kind.ANSWER, null, null, false),
    DATA_ANSWER("9014", Kind.ANSWER, null, null, false);

    public enum Kind {
        /** readings: published, then answered 9014 when Flag bit A asks */
        DATA,
        /** other station uploads: not stored, answered 9014 when asked */
        UPLOAD,
        /** notifications: answered 9013 when asked */
        NOTIFICATION,
        /** answers to platform requests this receiver never sends: never answered */
        ANSWER
    }

    private static final Map<String, Hj212Command> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Hj212Command::code, Function.identity()));

    private final String code;
    private final Kind kind;
    private final String valueSuffix;
    private final Duration averaging;
    private final boolean dataTimeStartsPeriod;

    Hj212Command(String code, Kind kind, String valueSuffix, Duration averaging, boolean dataTimeStartsPeriod) {
        this.code = code;
        this.kind = kind;
        this.valueSuffix = valueSuffix;
        this.averaging = averaging;
        this.dataTimeStartsPeriod = dataTimeStartsPeriod;
    }

    public static Optional<Hj212Command> of(String code) {
        return Optional.ofNullable(code).map(BY_CODE::get);
    }

    /** The CN as a metric tag: known codes as they are, anything else {@code other} (a sender picks the CN). */
    public static String tag(String code) {
        return of(code).map(Hj212Command::code).orElse("other");
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** The CP field suffix that carries the value Lantian keeps: {@code Rtd} or {@code Avg}. */
    public String valueSuffix() {
        return valueSuffix;
    }

    /** The averaging of a reading of this command; minute data takes the station's configured interval. */
    public Duration averaging(Duration minuteInterval) {
        return this == MINUTE ? minuteInterval : averaging;
    }

    /**
     * Whether DataTime is the start of the period (minute, hour, day: "时间标签为测量开始时间"); otherwise it is
     * the sampling instant and ends the period.
     */
    public boolean dataTimeStartsPeriod() {
        return dataTimeStartsPeriod;
    }
}
