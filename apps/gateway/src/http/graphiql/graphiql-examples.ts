/** The example operations GraphiQL opens with, one tab each. */
export const GRAPHIQL_EXAMPLE_TABS = [
  {
    query: `# Welcome to Docent. Sign in with the Sign in tab (the key on the left): your session
# fills the Headers pane below. Or run this and put the accessToken there yourself:
#   { "Authorization": "Bearer <accessToken>" }
mutation Login($email: String!, $password: String!) {
  login(input: { email: $email, password: $password }) {
    accessToken
    user { id email role }
  }
}`,
    variables: JSON.stringify({ email: 'admin@example.com', password: '' }, null, 2),
  },
  {
    query: `mutation Ingest {
  ingestDocuments(inputs: [
    { title: "Tea", content: "Green tea is steeped at 80 degrees for two minutes.", metadata: { topic: "drinks" } }
    { title: "Bikes", content: "# Repairs\\n\\nA loose chain is tightened at the rear axle.", mimeType: "text/markdown" }
  ]) {
    id status
  }
}`,
  },
  {
    query: `query Search($query: String!) {
  search(input: { query: $query, first: 5, mode: HYBRID }) {
    rank score text
    document { id title status }
  }
}`,
    variables: JSON.stringify({ query: 'how hot should the water be for tea?' }, null, 2),
  },
  {
    query: `# Documents, best first, each with its best passages and where the query's words occur
query SearchDocuments($query: String!, $filter: SearchFilter) {
  searchDocuments(input: { query: $query, first: 5, passages: 2, filter: $filter }) {
    rank score
    document { id title metadata }
    passages { text highlights { start end } }
  }
}`,
    variables: JSON.stringify({ query: 'tea water temperature', filter: { metadata: { path: ['topic'], in: ['drinks', 'food'] } } }, null, 2),
  },
  {
    query: `query MyDocuments {
  documents(first: 20) {
    nodes { id title status chunkCount error updatedAt }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
  {
    query: `# Admins only
query Queue {
  ingestionStats { pending processing ready failed oldestDueSeconds }
  embeddingModel { name provider dimension }
}`,
  },
];
