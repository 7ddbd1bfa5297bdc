// Integration tests wait on real Kafka group joins and Postgres; jest's testTimeout is global-only, so set here.
jest.setTimeout(90_000);
