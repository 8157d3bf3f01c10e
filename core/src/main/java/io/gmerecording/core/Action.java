package io.gmerecording.core;

/** The service's actions this library sends; each has its own request budget (the API allows 20 per second each). */
public enum Action {
    DESCRIBE_RECORD_INFO("DescribeRecordInfo"),
    START_RECORD("StartRecord"),
    STOP_RECORD("StopRecord"),
    MODIFY_RECORD_INFO("ModifyRecordInfo"),
    DESCRIBE_TASK_INFO("DescribeTaskInfo");

    private final String apiName;

    Action(String apiName) {
        this.apiName = apiName;
    }

    /** The action's name on the wire ({@code X-TC-Action}). */
    public String apiName() {
        return apiName;
    }
}
