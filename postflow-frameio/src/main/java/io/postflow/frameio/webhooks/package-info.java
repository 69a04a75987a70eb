/** Frame.io webhook signature verification and a small receiver. */
@PostFlowStyle
package io.postflow.frameio.webhooks;

import io.postflow.api.PostFlowStyle;
