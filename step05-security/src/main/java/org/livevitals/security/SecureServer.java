package org.livevitals.security;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.function.Function;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.echo.WebSocketServer;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.ResumableStream;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.reconnect.StreamPublisher;
import org.livevitals.security.alerts.Alert;
import org.livevitals.security.alerts.AlertCenter;
import org.livevitals.security.alerts.AlertLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lab 5 server: Lab 4's server, with sign-in in front of everything a person can see.
 *
 * <pre>
 * POST /api/login ---------> sign-in token (15 min)          GET /api/patients  (Bearer: her patients only)
 * POST /api/tickets -------> ticket (30 s, one handshake)    POST /api/readings (Bearer: her patients only)
 * GET /ws?ticket=... ------> Origin + ticket checked, or 401/403; then Lab 4's stream, per-session audience
 * GET /api/admin/sessions, /api/admin/audit (Bearer: admins)
 * GET /api/alerts (Bearer: her patients' alerts)
 * the same on https:// and wss:// (TLS port)
 *
 * readings --> Lab 4's stream (with NEWS2) --> AlertCenter --> alert messages on the same stream
 * dashboard --acknowledge / command--> ClinicianRequests --CMD--> the patient's device (TCP)
 * </pre>
 *
 * <p>The device gateway, the numbering, resume and heartbeats are Lab 4's and Lab 3's. The simulated
 * patients are devices on the gateway ({@link SimulatedDevices}), so they answer commands. Every
 * sign-in, session, refusal, acknowledgement and command goes into the audit trail.
 */
public final class SecureServer implements AutoCloseable {

    /** Lab 5's pages come first, then Lab 4's, then Lab 3's (the first folder with a file wins). */
    static final String[] PAGES = {"webroot/security/", "webroot/reconnect/", "webroot/dashboard/"};

    private static final Logger log = LoggerFactory.getLogger(SecureServer.class);

    private final MonitorServer monitor;
    private final Tokens tokens;
    private final AuditTrail audit;
    private final SignedInSessions sessions;
    private final SecuritySettings security;
    private final MonitorSettings simulated;
    private final AlertCenter alerts;
    private final AlertStream alertStream;
    private final Wards wards;
    private final Deployment deployment;
    private volatile ResumableStream stream;
    private volatile SimulatedDevices devices;

    private SecureServer(MonitorSettings settings, ResumeSettings resume, SecuritySettings security,
            ClinicalSettings clinical, Clock clock, Function<VitalSigns, String> readingJson, Deployment deployment)
            throws IOException {
        this.security = security;
        this.simulated = settings;
        this.deployment = deployment;
        SigningKey key = security.signingKey() == null
                ? SigningKey.development(security.dataDir())
                : SigningKey.fromFile(security.signingKey());
        Users users = security.users() == null ? Users.demo() : Users.fromFile(security.users());
        this.wards = Wards.ofSimulatedPatients(Math.max(settings.simulatedPatients(), Wards.DEMO_PATIENTS))
                .with(security.wards());
        AlertLimits limits = clinical.alertLimits() == null ? AlertLimits.DEFAULTS : AlertLimits.fromFile(clinical.alertLimits());
        this.audit = AuditTrail.open(security.auditFile(), clock);
        this.tokens = new Tokens(key, clock, security.signInLifetime(), Tokens.DEFAULT_TICKET_LIFETIME)
                .spendIn(deployment::ticketLedger);
        this.sessions = new SignedInSessions(wards, deployment);
        this.alerts = new AlertCenter(limits, clinical.alerts().withStaleAfter(settings.staleAfter()), clock,
                this::publishAlert, deployment.alertIdPrefix());
        this.alertStream = new AlertStream(sessions, alerts);
        Bedside gateway = (patient, command, timeout) -> monitor().devices().send(patient, command, timeout);
        ClinicianRequests requests = new ClinicianRequests(deployment.alertDesk(new Acknowledgements(alerts, wards, audit)),
                new BedsideCommands(deployment.bedside(gateway), wards, audit, clinical.commandTimeout()));
        SessionGuard guard = new SessionGuard(sessions, audit,
                () -> new RateLimit(security.rateBurst(), security.ratePerSecond(), System::nanoTime), requests);
        Origins origins = new Origins(security.allowedOrigins(), () -> Origins.local(port(), monitor().web().tlsPort()));
        TlsCertificate tls = security.tlsPort() < 0 ? null : tlsCertificate(security);
        Function<VitalSigns, String> scoredReadingJson = News2Readings.withNews2(readingJson);

        // The simulated patients are bedside devices on the TCP gateway here (SimulatedDevices), not Lab 3's
        // in-process feed: a command to one of them travels the whole way.
        this.monitor = new MonitorServer(settings.withSimulatedPatients(0, settings.feedInterval()), clock, scoredReadingJson,
                parts -> {
                    ResumableStream lab4 = new ResumableStream(parts, deployment.history(resume), resume,
                            scoredReadingJson, sessions, deployment.opening(alertStream));
                    this.stream = lab4;
                    StreamPublisher publisher = deployment.publisher(lab4, scoredReadingJson);
                    alertStream.publishTo(publisher);
                    return new SecureStream(lab4, publisher,
                            stream -> new Handshake(stream, origins, tokens, guard, audit, clock), guard, alerts);
                },
                (web, parts, stream) -> {
                    web.route("/api/login", new SignInApi(users, tokens, audit, clock))
                            .route("/api/tickets", new TicketApi(tokens, audit))
                            .route("/api/patients", new PatientsApi(tokens, audit, deployment.latestReadings(parts.latest()), wards))
                            .route("/api/readings", new ReadingsApi(tokens, audit, stream, wards, clock))
                            .route("/api/alerts", new AlertsApi(tokens, audit, alerts, wards))
                            .route("/api/admin/*", new AdminApi(tokens, audit, sessions));
                    if (tls != null) {
                        web.tls(security.tlsPort(), tls.keyStore(), tls.password());
                    }
                    if (!security.trustedProxies().isEmpty()) {
                        web.customizeRequests(new TrustedProxies(security.trustedProxies()));
                    }
                    deployment.extend(web, tokens, audit, wards);
                },
                java.util.stream.Stream.concat(deployment.pages().stream(), java.util.Arrays.stream(PAGES))
                        .toArray(String[]::new));
        monitor.devices().onDisconnect(alerts::onDeviceDisconnected);
        warnAboutDevelopmentSecrets(key, users, tls);
    }

    /** The alert center's listener: each change goes out on the stream. */
    private void publishAlert(Alert alert) {
        alertStream.changed(alert);
        deployment.alertChanged(alert);
    }

    public static SecureServer newServer(MonitorSettings settings, ResumeSettings resume, SecuritySettings security,
            Clock clock) throws IOException {
        return newServer(settings, resume, security, ClinicalSettings.DEFAULTS, clock);
    }

    public static SecureServer newServer(MonitorSettings settings, ResumeSettings resume, SecuritySettings security,
            ClinicalSettings clinical, Clock clock) throws IOException {
        return newServer(settings, resume, security, clinical, clock, new DashboardMessages()::reading);
    }

    /** @param readingJson a reading's JSON before its NEWS2 score and number are added; the load test stamps its timing in it */
    public static SecureServer newServer(MonitorSettings settings, ResumeSettings resume, SecuritySettings security,
            Clock clock, Function<VitalSigns, String> readingJson) throws IOException {
        return newServer(settings, resume, security, ClinicalSettings.DEFAULTS, clock, readingJson);
    }

    public static SecureServer newServer(MonitorSettings settings, ResumeSettings resume, SecuritySettings security,
            ClinicalSettings clinical, Clock clock, Function<VitalSigns, String> readingJson) throws IOException {
        return newServer(settings, resume, security, clinical, clock, readingJson, Deployment.ALONE);
    }

    /** @param deployment alone (Lab 5), or one node of a cluster (Lab 6) */
    public static SecureServer newServer(MonitorSettings settings, ResumeSettings resume, SecuritySettings security,
            ClinicalSettings clinical, Clock clock, Function<VitalSigns, String> readingJson, Deployment deployment)
            throws IOException {
        return new SecureServer(settings, resume, security, clinical, clock, readingJson, deployment);
    }

    /** The certificate to serve TLS with: the configured key store, or the development one (made on first run). */
    private static TlsCertificate tlsCertificate(SecuritySettings security) throws IOException {
        if (security.tlsKeyStore() != null) {
            DevCertificate configured = DevCertificate.of(security.tlsKeyStore(), security.tlsPassword());
            return new TlsCertificate(configured.keyStore(), configured.password(), false, false);
        }
        DevCertificate development = DevCertificate.ensure(security.dataDir());
        return new TlsCertificate(development.keyStore(), development.password(), true, development.created());
    }

    private record TlsCertificate(java.nio.file.Path keyStore, String password, boolean development, boolean created) {}

    private void warnAboutDevelopmentSecrets(SigningKey key, Users users, TlsCertificate tls) {
        if (key.isDevelopment()) {
            log.warn("tokens are signed with the DEVELOPMENT key {}: anyone with this file can sign in as anyone;"
                    + " give a key of your own with --signing-key", key.file());
        }
        if (users.isDemo()) {
            log.warn("the DEMO users are on (their passwords are in the lab); give your own with --users");
        }
        if (tls != null && tls.development()) {
            log.warn("TLS uses the DEVELOPMENT certificate {}{}: browsers will warn; give your own with --tls-keystore",
                    tls.keyStore(), tls.created() ? " (created now)" : "");
        }
    }

    public SecureServer start() throws Exception {
        monitor.start();
        if (simulated.simulatedPatients() > 0) {
            devices = SimulatedDevices.start("localhost", monitor.devicePort(), simulated.simulatedPatients(),
                    simulated.feedInterval());
        }
        log.info("audit trail: {}", security.auditFile().toAbsolutePath());
        return this;
    }

    public MonitorServer monitor() {
        return monitor;
    }

    public Tokens tokens() {
        return tokens;
    }

    public AuditTrail audit() {
        return audit;
    }

    public SignedInSessions sessions() {
        return sessions;
    }

    /** Lab 4's stream inside: its history, and where a Lab 6 node delivers what the backplane brings. */
    public ResumableStream stream() {
        return stream;
    }

    /** Which ward each patient is on. */
    public Wards wards() {
        return wards;
    }

    /** The alerts raised from every reading, and their lifecycle. */
    public AlertCenter alerts() {
        return alerts;
    }

    public int port() {
        return monitor.port();
    }

    public URI httpUri() {
        return monitor.httpUri();
    }

    public URI webSocketUri() {
        return monitor.webSocketUri();
    }

    /** The HTTP server: its TLS port and {@code https://} / {@code wss://} addresses. */
    public WebSocketServer web() {
        return monitor.web();
    }

    @Override
    public void close() throws Exception {
        try {
            if (devices != null) {
                devices.close();
            }
            monitor.close();
        } finally {
            audit.close();
        }
    }
}
