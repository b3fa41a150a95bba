import { DEMO_USER_IDS, mintAccessToken } from './tokens';
import { callProcedure } from './trpc-http';

/** The demo brands' generated ids, as their owners see them through `brands.list`. */
export interface DemoBrands {
  ledgerline: string;
  emberAndOak: string;
  climateDesk: string;
}

export async function findDemoBrands(baseUrl: string): Promise<DemoBrands> {
  const idOf = async (userId: string, name: RegExp) => {
    const response = await callProcedure(baseUrl, 'brands.list', 'query', undefined, { token: await mintAccessToken({ userId }) });
    const brand = (response.data as { id: string; name: string }[] | undefined)?.find((b) => name.test(b.name));
    if (!brand)
      throw new Error(
        `brands.list answered ${response.status} without a brand named ${name}: ${JSON.stringify(response.body).slice(0, 500)}`,
      );
    return brand.id;
  };
  return {
    ledgerline: await idOf(DEMO_USER_IDS.olivia, /^Ledgerline/),
    emberAndOak: await idOf(DEMO_USER_IDS.olivia, /^Ember & Oak/),
    climateDesk: await idOf(DEMO_USER_IDS.grace, /^Globex Climate Desk/),
  };
}
