package org.livevitals.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Tokens an attacker would try, made on purpose for tests: an unsigned one, one MAC-ed with our public
 * key, one whose payload was edited after signing, one signed with somebody else's key, and well-signed
 * ones with the wrong issuer, audience or times. Start from {@link #claims} (everything right), spoil
 * one thing, and pick how to sign it.
 *
 * <pre>
 * ForgedTokens forge = new ForgedTokens(key, clock);
 * String wrongIssuer = forge.signed(forge.ticketClaims(NURSE).issuer("evil").build());
 * String unsigned = forge.unsigned(forge.ticketClaims(NURSE).build());
 * </pre>
 */
public final class ForgedTokens {

    private final SigningKey key;
    private final Clock clock;

    public ForgedTokens(SigningKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** Claims exactly as {@link Tokens} writes them for {@code audience}, good for {@code lifetime} from now. */
    public JWTClaimsSet.Builder claims(Access access, String audience, Duration lifetime) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(Tokens.ISSUER)
                .audience(audience)
                .subject(access.user())
                .claim(Tokens.ROLE_CLAIM, access.role().wireName())
                .claim(Tokens.WARDS_CLAIM, access.wards().stream().sorted().toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** A ticket's claims: WebSocket audience, the default ticket lifetime, a session ending in 15 minutes. */
    public JWTClaimsSet.Builder ticketClaims(Access access) {
        return claims(access, Tokens.WEBSOCKET_AUDIENCE, Tokens.DEFAULT_TICKET_LIFETIME)
                .claim(Tokens.SESSION_EXPIRY_CLAIM, clock.instant().plus(Tokens.DEFAULT_SIGN_IN_LIFETIME).getEpochSecond());
    }

    /** A sign-in token's claims: API audience, the default sign-in lifetime. */
    public JWTClaimsSet.Builder signInClaims(Access access) {
        return claims(access, Tokens.API_AUDIENCE, Tokens.DEFAULT_SIGN_IN_LIFETIME);
    }

    /** Signed with the server's own key, ES256: only the claims can be wrong. */
    public String signed(JWTClaimsSet claims) {
        try {
            return sign(claims, new ECDSASigner(key.jwk()), key.header());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed ES256 with a fresh key of the right kind that is not the server's. */
    public String signedWithAnotherKey(JWTClaimsSet claims) {
        try {
            return sign(claims, new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()), new JWSHeader(JWSAlgorithm.ES256));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code "alg":"none"} and an empty signature: a JWT anyone can write. */
    public String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /**
     * Algorithm confusion: HS256, keyed with the bytes of the server's public key. A verifier that
     * let the header choose the algorithm, and used "the key" for whatever it chose, would accept it.
     */
    public String macWithPublicKey(JWTClaimsSet claims) {
        try {
            byte[] publicKey = key.jwk().toECPublicKey().getEncoded();
            return sign(claims, new MACSigner(publicKey), new JWSHeader(JWSAlgorithm.HS256));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code token} with its payload replaced by {@code claims} and its header and signature kept: an
     * edit after signing (a nurse making herself a doctor).
     */
    public String tampered(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        String payload = Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8)).toString();
        return parts[0] + "." + payload + "." + parts[2];
    }

    private static String sign(JWTClaimsSet claims, com.nimbusds.jose.JWSSigner signer, JWSHeader header) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
