package io.postflow.testkit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * What the sandbox's remote-upload fetcher accepts of a {@code source_url}. Frame.io documents only
 * that it pulls the URL; {@link #strict()}, the default, reads that as tightly as a client should
 * assume: an HTTPS URL on a public address, fetched without following redirects and without
 * resuming a broken transfer. {@link #lenient()} is for tests whose source can only be a plain-HTTP
 * server on loopback (a file exposer without a tunnel): it also follows redirects and resumes, as a
 * forgiving fetcher might. Immutable; the {@code with...} methods return changed copies.
 *
 * <pre>{@code
 * FrameioSandbox.builder().remoteSources(RemoteSourceRules.lenient()).start();
 * }</pre>
 */
public final class RemoteSourceRules {
  private static final int MAX_REDIRECTS = 5;

  private final boolean allowHttp;
  private final boolean allowPrivateAddresses;
  private final boolean followRedirects;
  private final int maxResumes;

  private RemoteSourceRules(boolean allowHttp, boolean allowPrivateAddresses, boolean followRedirects,
      int maxResumes) {
    if (maxResumes < 0) {
      throw new IllegalArgumentException("maxResumes must be zero or positive, was " + maxResumes);
    }
    this.allowHttp = allowHttp;
    this.allowPrivateAddresses = allowPrivateAddresses;
    this.followRedirects = followRedirects;
    this.maxResumes = maxResumes;
  }

  /** HTTPS on a public address only, no redirects followed, no resumes: the default. */
  public static RemoteSourceRules strict() {
    return new RemoteSourceRules(false, false, false, 0);
  }

  /** Plain HTTP and loopback or private addresses allowed, up to 5 redirects followed, 5 resumes. */
  public static RemoteSourceRules lenient() {
    return new RemoteSourceRules(true, true, true, 5);
  }

  /** A copy that does or does not accept {@code http://} sources. */
  public RemoteSourceRules withHttp(boolean allowed) {
    return new RemoteSourceRules(allowed, allowPrivateAddresses, followRedirects, maxResumes);
  }

  /** A copy that does or does not accept hosts on loopback, private or link-local addresses. */
  public RemoteSourceRules withPrivateAddresses(boolean allowed) {
    return new RemoteSourceRules(allowHttp, allowed, followRedirects, maxResumes);
  }

  /** A copy that does or does not follow redirects (up to 5, never from HTTPS to HTTP). */
  public RemoteSourceRules withRedirects(boolean followed) {
    return new RemoteSourceRules(allowHttp, allowPrivateAddresses, followed, maxResumes);
  }

  /**
   * A copy that resumes a broken or stalled transfer at most {@code resumes} times.
   *
   * @throws IllegalArgumentException if {@code resumes} is negative
   */
  public RemoteSourceRules withResumes(int resumes) {
    return new RemoteSourceRules(allowHttp, allowPrivateAddresses, followRedirects, resumes);
  }

  boolean followRedirects() {
    return followRedirects;
  }

  int maxRedirects() {
    return followRedirects ? MAX_REDIRECTS : 0;
  }

  int maxResumes() {
    return maxResumes;
  }

  /**
   * Why {@code source} is refused, or null when it may be fetched. A host that does not resolve is
   * left to the fetch, which then fails the upload as the service would.
   */
  String refusal(URI source) {
    String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (source.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      return "source_url must be an absolute https URL";
    }
    if (scheme.equals("http") && !allowHttp) {
      return "source_url must use https";
    }
    if (!allowPrivateAddresses) {
      try {
        for (InetAddress address : InetAddress.getAllByName(source.getHost())) {
          if (!isPublic(address)) {
            return "source_url must be reachable on a public address, " + source.getHost() + " is not";
          }
        }
      } catch (UnknownHostException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean isPublic(InetAddress address) {
    boolean uniqueLocal = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    return !(address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress() || uniqueLocal);
  }

  @Override
  public String toString() {
    return "RemoteSourceRules[http=" + allowHttp + ", privateAddresses=" + allowPrivateAddresses + ", redirects="
        + followRedirects + ", maxResumes=" + maxResumes + "]";
  }
}
