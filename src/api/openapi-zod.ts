import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// `.openapi(...)` on schemas (names, examples) must be installed before any API schema is built;
// every API schema module imports `z` from here.
extendZodWithOpenApi(z);

export { z };
