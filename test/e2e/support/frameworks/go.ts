/**
 * Go net/http (Debian golang-go): each snippet becomes its own package (so every snippet keeps its
 * own `withCORS` and allow-list), one `go build` compiles them all, and the one binary serves every
 * app on its own port. A panic in a handler must become a 500 (the snippet's recover): net/http would
 * otherwise drop the connection.
 */
import fs from 'node:fs';
import path from 'node:path';
import { portsFrom, readyLine, spawnProcess } from './child-process.ts';
import { goToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, AUTH_TOKEN, localUrl, PATHS, type FrameworkHarness } from './types.ts';

const snippetPackage = (name: string, snippet: string) => `package ${name}

${snippet}

// Handler exposes the snippet's middleware to the harness's main package.
func Handler(next http.Handler) http.Handler { return withCORS(next) }
`;

const MAIN = (packages: string[]) => `package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"

${packages.map((p) => `\t"fixverify/${p}"`).join('\n')}
)

var middleware = []func(http.Handler) http.Handler{
${packages.map((p) => `\t${p}.Handler,`).join('\n')}
}

type app struct {
	ID        string            \`json:"id"\`
	Redirects map[string]string \`json:"redirects"\`
}

// The authentication layer, inside the snippet's withCORS as the snippet says.
func authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ${JSON.stringify(PATHS.private)}) && r.Header.Get("Authorization") != ${JSON.stringify(AUTH_TOKEN)} {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func minimal(redirects map[string]string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ${JSON.stringify(PATHS.throws)}) {
			panic("boom")
		}
		if strings.HasSuffix(r.URL.Path, ${JSON.stringify(PATHS.missing)}) {
			http.NotFound(w, r) // what a ServeMux answers for a path it has no handler for
			return
		}
		if location, ok := redirects[r.URL.Path]; ok {
			http.Redirect(w, r, location, http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "ok")
	})
	return authenticate(mux)
}

// os.Args[1]: [{id, redirects}] in package order. Prints READY {"id": port, ...} once all listen.
func main() {
	var apps []app
	if err := json.Unmarshal([]byte(os.Args[1]), &apps); err != nil {
		panic(err)
	}
	ports := map[string]int{}
	for i, a := range apps {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		ports[a.ID] = l.Addr().(*net.TCPAddr).Port
		go http.Serve(l, middleware[i](minimal(a.Redirects)))
	}
	out, _ := json.Marshal(ports)
	fmt.Println("READY " + string(out))
	select {}
}
`;

export const goHarness: FrameworkHarness = {
  framework: 'go',
  label: 'Go net/http',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods: null,
  probe: goToolchain,
  async start(apps, toolchain, workDir) {
    const packages = apps.map((a, i) => {
      const name = `snippet${i}`;
      fs.mkdirSync(path.join(workDir, name));
      fs.writeFileSync(path.join(workDir, name, 'cors.go'), snippetPackage(name, a.snippet));
      return name;
    });
    fs.writeFileSync(path.join(workDir, 'go.mod'), 'module fixverify\n\ngo 1.19\n');
    fs.writeFileSync(path.join(workDir, 'main.go'), MAIN(packages));
    // GOPROXY=off: nothing may be downloaded (the snippets need the standard library only);
    // GOFLAGS cleared so a developer's own flags (-mod=vendor, …) cannot change the build.
    const build = spawnProcess(toolchain.executable, ['build', '-o', 'server', '.'], {
      cwd: workDir,
      env: { GOPROXY: 'off', GOFLAGS: '' },
    });
    const code = await build.exited;
    if (code !== 0) throw new Error(`go build failed (${code}):\n${build.stderr()}`);
    const table = apps.map((a) => ({ id: a.id, redirects: a.redirects }));
    const server = spawnProcess(path.join(workDir, 'server'), [JSON.stringify(table)], { cwd: workDir });
    const ports = portsFrom(await readyLine(server, 15_000));
    return { baseUrl: (id) => localUrl(ports.get(id)!), close: () => server.stop() };
  },
};
