/** GET /v1/models and GET /v1/models/{id}. */

const BUILT_IN_MODELS = ['gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano', 'text-embedding-3-small'];
const CREATED = 1_700_000_000;

export interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

function modelObject(id: string): ModelObject {
  return { id, object: 'model', created: CREATED, owned_by: 'system' };
}

/** The built-in models plus any the test has configured or called. */
export function listModels(extra: Iterable<string>): { object: 'list'; data: ModelObject[] } {
  const ids = new Set([...BUILT_IN_MODELS, ...extra]);
  return { object: 'list', data: [...ids].sort().map(modelObject) };
}

export function findModel(id: string, extra: Iterable<string>): ModelObject | null {
  return listModels(extra).data.find((model) => model.id === id) ?? null;
}
