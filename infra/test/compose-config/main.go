// compose-config prints a Compose project as `docker compose config --format json` would: the same
// loader (github.com/compose-spec/compose-go, which the docker compose CLI uses) with interpolation,
// the Compose Specification schema, normalisation and its consistency checks. It stands in for
// `docker compose config` on machines without the compose plugin; the manifest test runs it.
//
//	compose-config <compose file> <env file>
//
// Only the given env file is read (not the process environment), so the result does not depend on the
// machine; a ${VAR:?message} the file leaves unset is an error, as with docker compose.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/cli"
)

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 3 {
		fail(fmt.Errorf("usage: compose-config <compose file> <env file>"))
	}
	file, envFile := os.Args[1], os.Args[2]
	opts, err := cli.NewProjectOptions([]string{file},
		cli.WithWorkingDirectory(filepath.Dir(file)),
		cli.WithEnvFiles(envFile),
		cli.WithDotEnv,
		cli.WithConsistency(true),
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		fail(err)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	out, err := project.MarshalJSON()
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(out)
}
