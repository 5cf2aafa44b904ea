import type { GraphQLResponse, TestGateway } from './test-gateway';

export const PASSWORD = 'correct horse battery staple';

export const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions['code'];

/** Registers a new user through the API and returns their access token and id. */
export async function signUp(server: TestGateway, label: string): Promise<{ token: string; userId: string; email: string }> {
  const email = `${label}-${crypto.randomUUID()}@example.test`;
  const response = await server.graphql<{ register: { accessToken: string; user: { id: string } } }>(
    'mutation ($input: CredentialsInput!) { register(input: $input) { accessToken user { id } } }',
    { input: { email, password: PASSWORD } },
  );
  if (!response.data?.register) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  return { token: response.data.register.accessToken, userId: response.data.register.user.id, email };
}

/** Polls until `condition` holds, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T>, condition: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (condition(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
