package io.postflow.tunnel;

import java.net.URI;

/** Whether a public URL answers through its tunnel; injected so tests can stand in for DNS. */
interface UrlProbe {
  UrlProbe HTTP = LocalHttp::answers;

  boolean answers(URI publicUrl);
}
