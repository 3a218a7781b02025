/**
 * Send a group of corpus requests to one freshly started real chain and return the answers with the temp paths
 * mapped back (substitute.ts mapBack), so they read as the scenario on a Debian server. Node-only.
 */
import type { CorpusEntry, CorpusFault } from "./corpus";
import { startRealChain, type Gateway, type LogSlices } from "./real-chain";
import type { StartupRecording } from "./recording";
import { mapBack, mapBackResponse } from "./substitute";

export interface RealAnswer {
  entry: CorpusEntry;
  response: Uint8Array;
  closed: boolean;
  clientPort: number;
  sentAtMs: number;
  elapsedMs: number;
  logs: LogSlices;
}

export async function runGroupLive(
  scenario: string,
  gateway: Gateway,
  fault: CorpusFault | undefined,
  entries: CorpusEntry[],
): Promise<{ startup: StartupRecording; answers: RealAnswer[] }> {
  const chain = await startRealChain({ scenario, gateway, ...(fault === "gateway-down" ? { faults: { gateway: "down" as const } } : {}) });
  const mapLogs = (logs: LogSlices): LogSlices => ({
    nginxAccess: logs.nginxAccess.map((l) => mapBack(l, chain.map)),
    nginxError: logs.nginxError.map((l) => mapBack(l, chain.map)),
    gatewayStdout: logs.gatewayStdout.map((l) => mapBack(l, chain.map)),
    gatewayStderr: logs.gatewayStderr.map((l) => mapBack(l, chain.map)),
  });
  try {
    const answers: RealAnswer[] = [];
    for (const entry of entries) {
      const ex = await chain.send(entry.raw, entry.settleMs ? { settleMs: entry.settleMs } : {});
      answers.push({
        entry,
        response: mapBackResponse(ex.response, chain.map),
        closed: ex.closed,
        clientPort: ex.clientPort,
        sentAtMs: ex.sentAtMs,
        elapsedMs: ex.elapsedMs,
        logs: mapLogs(ex.logs),
      });
    }
    const startup = mapLogs(chain.startupLogs);
    return {
      startup: {
        gatewayStdout: startup.gatewayStdout,
        gatewayStderr: startup.gatewayStderr,
        nginxError: startup.nginxError,
        nginxStderr: chain.startupNginxStderr.map((l) => mapBack(l, chain.map)),
      },
      answers,
    };
  } finally {
    await chain.stop();
  }
}
