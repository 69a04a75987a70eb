/** The Frame.io v4 REST client, structure manager and uploaders. */
@PostFlowStyle
package io.postflow.frameio;

import io.postflow.api.PostFlowStyle;
