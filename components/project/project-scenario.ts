/** The scenario a student's project is laid over (content/scenarios/my_project): shared by the page and its widgets. */
export const PROJECT_SCENARIO = "my_project";
