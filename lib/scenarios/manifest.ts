import { z } from "zod";
import type { ScenarioManifest } from "@/lib/chain/contracts";

const gatewayFiles = z.object({
  nginx: z.string().describe("The nginx site file this gateway variant uses, e.g. nginx.conf"),
  config: z.string().describe("The gateway's own config file, e.g. gunicorn.conf.py or uwsgi.ini"),
});

/** scenario.json: what a scenario folder declares about itself. */
export const scenarioManifestSchema = z.object({
  title: z.string().min(1).describe("Korean title shown above widgets"),
  summary: z.string().min(1).describe("One Korean sentence on what the scenario shows"),
  defaultGateway: z.enum(["gunicorn", "uwsgi"]).describe("Gateway used when a request names none"),
  gateways: z
    .object({ gunicorn: gatewayFiles.optional(), uwsgi: gatewayFiles.optional() })
    .describe("Which files each gateway variant runs"),
  environment: z.record(z.string(), z.string()).optional().describe("os.environ as app.py sees it"),
  testOnly: z.boolean().optional().describe("Used only by tests; hidden from lessons"),
}) satisfies z.ZodType<ScenarioManifest>;

export const SCENARIO_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
