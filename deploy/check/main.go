// Command check validates the container files in deploy/ the way Docker
// would read them, without a Docker engine:
//
//   - deploy/Dockerfile is parsed by BuildKit's own Dockerfile parser and
//     run through its linter (every rule; any warning fails), and must end
//     in a stage that runs as a non-root user;
//   - deploy/compose.yaml is loaded by compose-go (the library of `docker
//     compose`) with the Compose specification's schema, interpolation and
//     consistency checks, and every newsflow service must have a read-only
//     root filesystem, no capabilities and no-new-privileges.
//
// Usage: (cd deploy/check && go run . ../..) — the argument is the
// repository root.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

func main() {
	if len(os.Args) > 1 {
		if err := os.Chdir(os.Args[1]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	failed := false
	for _, check := range []func() error{checkDockerfile, checkCompose} {
		if err := check(); err != nil {
			fmt.Fprintln(os.Stderr, "FAIL:", err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
	fmt.Println("deploy/Dockerfile and deploy/compose.yaml: ok")
}

func checkDockerfile() error {
	f, err := os.Open("deploy/Dockerfile")
	if err != nil {
		return err
	}
	defer f.Close()
	ast, err := parser.Parse(f)
	if err != nil {
		return fmt.Errorf("Dockerfile: %w", err)
	}
	for _, w := range ast.Warnings {
		return fmt.Errorf("Dockerfile parser warning: %s", w.Short)
	}
	var lintErrors []string
	lint := linter.New(&linter.Config{Warn: func(rule, description, url, msg string, _ []parser.Range) {
		lintErrors = append(lintErrors, fmt.Sprintf("%s: %s", rule, msg))
	}})
	stages, _, err := instructions.Parse(ast.AST, lint)
	if err != nil {
		return fmt.Errorf("Dockerfile: %w", err)
	}
	if len(lintErrors) > 0 {
		return fmt.Errorf("Dockerfile lint: %s", strings.Join(lintErrors, "; "))
	}
	if len(stages) < 2 {
		return fmt.Errorf("Dockerfile: want a multi-stage build, got %d stage(s)", len(stages))
	}
	user := ""
	for _, cmd := range stages[len(stages)-1].Commands {
		if u, ok := cmd.(*instructions.UserCommand); ok {
			user = u.User
		}
	}
	if user == "" || user == "root" || user == "0" || strings.HasPrefix(user, "0:") || strings.HasPrefix(user, "root:") {
		return fmt.Errorf("Dockerfile: the final stage runs as %q, want a non-root USER", user)
	}
	return nil
}

func checkCompose() error {
	path, _ := filepath.Abs("deploy/compose.yaml")
	options, err := cli.NewProjectOptions([]string{path}, cli.WithOsEnv, cli.WithWorkingDirectory(filepath.Dir(path)))
	if err != nil {
		return err
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		return fmt.Errorf("compose.yaml: %w", err)
	}
	for _, want := range []string{"kafka", "redis", "topics", "fetch", "parse", "dedup", "enrich", "fixture-site", "prometheus", "grafana"} {
		if _, err := project.GetService(want); err != nil {
			return fmt.Errorf("compose.yaml: no service %q", want)
		}
	}
	for name, svc := range project.Services {
		if svc.Image != "newsflow:dev" {
			continue
		}
		if !svc.ReadOnly {
			return fmt.Errorf("compose.yaml: %s: want read_only: true", name)
		}
		if len(svc.CapDrop) != 1 || svc.CapDrop[0] != "ALL" {
			return fmt.Errorf("compose.yaml: %s: want cap_drop: [ALL]", name)
		}
		hardened := false
		for _, opt := range svc.SecurityOpt {
			hardened = hardened || opt == "no-new-privileges:true"
		}
		if !hardened {
			return fmt.Errorf("compose.yaml: %s: want security_opt no-new-privileges:true", name)
		}
	}
	return nil
}
