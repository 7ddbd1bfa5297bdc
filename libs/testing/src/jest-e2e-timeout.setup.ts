// End-to-end tests start all six services as processes; jest's testTimeout is global-only, so set here.
jest.setTimeout(240_000);
