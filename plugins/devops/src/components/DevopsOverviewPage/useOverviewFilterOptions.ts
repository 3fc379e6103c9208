import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

export interface FilterOption {
  value: string;
  label: string;
}

export interface OverviewFilterOptions {
  owners: FilterOption[];
  systems: FilterOption[];
  lifecycles: FilterOption[];
}

// The catalog fields the overview's filters choose from, as the backend's
// `owner`, `system` and `lifecycle` query parameters expect them.
export const OWNER_FACET = 'spec.owner';
export const SYSTEM_FACET = 'spec.system';
export const LIFECYCLE_FACET = 'spec.lifecycle';

function options(
  facets: Record<string, Array<{ value: string }>>,
  field: string,
): FilterOption[] {
  return (facets[field] ?? [])
    .map(({ value }) => ({ value, label: value }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-US'));
}

/**
 * The owners, systems and lifecycles of the catalog's components, for the
 * overview's filters. If the catalog cannot answer, the filters offer only
 * "All" and the table still works.
 */
export function useOverviewFilterOptions(): OverviewFilterOptions {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(async () => {
    const { facets } = await catalogApi.getEntityFacets({
      filter: { kind: 'Component' },
      facets: [OWNER_FACET, SYSTEM_FACET, LIFECYCLE_FACET],
    });
    return {
      owners: options(facets, OWNER_FACET),
      systems: options(facets, SYSTEM_FACET),
      lifecycles: options(facets, LIFECYCLE_FACET),
    };
  }, [catalogApi]);
  return value ?? { owners: [], systems: [], lifecycles: [] };
}
