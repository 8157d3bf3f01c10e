package io.gmerecording.spring;

import io.gmerecording.core.RecordingQueryBuilder;
import io.gmerecording.sdk.SdkRecordingQuery;

/** The only class that names adapter-sdk, loaded only when gme.recording.adapter=sdk and the module is present. */
final class SdkAdapter {

    private SdkAdapter() {
    }

    static RecordingQueryBuilder<?, ?> builder() {
        return SdkRecordingQuery.builder();
    }
}
