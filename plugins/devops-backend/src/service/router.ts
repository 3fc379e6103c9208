import type { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';

/** @internal */
export interface RouterOptions {
  logger: LoggerService;
  environments: string[];
}

/** @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { environments } = options;
  const router = Router();
  router.use(express.json());

  router.get('/v1/environments', (_req, res) => {
    res.json({ environments });
  });

  return router;
}
