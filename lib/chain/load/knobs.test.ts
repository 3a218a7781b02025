import { describe, expect, it } from "vitest";
import { readGunicornKnobs, readNginxKnobs, readUwsgiKnobs, setGunicornKnobs, setNginxKnobs, setUwsgiKnobs } from "./knobs";

describe("the load lab's knobs in real config files", () => {
  it("replaces the line that sets a Gunicorn knob and adds the ones the file lacks", () => {
    const text = 'bind = "unix:/run/gunicorn.sock"\nworkers = 1\ntimeout = 30\n';
    const out = setGunicornKnobs(text, { workers: 3, workerClass: "gthread", threads: 4, timeout: 5 });
    expect(out).toBe('bind = "unix:/run/gunicorn.sock"\nworkers = 3\ntimeout = 5\nworker_class = "gthread"\nthreads = 4\n');
    expect(readGunicornKnobs(out)).toEqual({ workers: 3, workerClass: "gthread", threads: 4, timeout: 5, backlog: 2048 });
  });

  it("sets uWSGI keys and reads uWSGI's defaults for missing ones", () => {
    const out = setUwsgiKnobs("[uwsgi]\nprocesses = 1\n", { processes: 2, harakiri: 3 });
    expect(out).toBe("[uwsgi]\nprocesses = 2\nharakiri = 3\n");
    expect(readUwsgiKnobs(out)).toEqual({ processes: 2, threads: 1, harakiri: 3, listen: 100 });
    expect(setUwsgiKnobs(out, { maxRequests: 2, minWorkerLifetime: 1 })).toBe(`${out}max-requests = 2\nmin-worker-lifetime = 1\n`);
  });

  it("sets every read timeout of an nginx site, keeping the indentation", () => {
    const text = "server {\n    location / {\n        proxy_read_timeout 60s;\n    }\n}\n";
    const out = setNginxKnobs(text, { readTimeout: 3 });
    expect(out).toBe("server {\n    location / {\n        proxy_read_timeout 3s;\n    }\n}\n");
    expect(readNginxKnobs(out)).toEqual({ readTimeout: 3 });
    expect(readNginxKnobs("server {}\n")).toEqual({ readTimeout: 60 });
  });
});
