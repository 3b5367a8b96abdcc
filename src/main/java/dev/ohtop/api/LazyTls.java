package dev.ohtop.api;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's default TLS context (the same trust store, protocols and checks), set up on the first
 * https connection instead of when the HTTP client is built. The JDK's client sets it up at once,
 * reading every CA certificate (about 0.1 s of a one-shot command's start); against an http URL
 * (the demo, a server on loopback) it is never needed.
 */
final class LazyTls extends SSLContextSpi {
    private volatile SSLContext context;

    private LazyTls() {}

    /** A context that becomes the JDK's default one when first used. */
    static SSLContext context() {
        return new SSLContext(new LazyTls(), null, "Default") {};
    }

    private SSLContext tls() {
        SSLContext set = context;
        if (set == null) {
            try {
                set = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java has no TLS: " + e.getMessage(), e);
            }
            context = set;
        }
        return set;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
        tls().init(km, tm, sr); // refused: the default context sets itself up
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return tls().getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return tls().getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return tls().createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return tls().createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return tls().getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return tls().getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return tls().getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return tls().getSupportedSSLParameters();
    }
}
