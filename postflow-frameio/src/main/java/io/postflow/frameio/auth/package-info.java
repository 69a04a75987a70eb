/** Adobe IMS authentication for Frame.io: OAuth Web App, server-to-server, static tokens. */
@PostFlowStyle
package io.postflow.frameio.auth;

import io.postflow.api.PostFlowStyle;
