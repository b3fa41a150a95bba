import { getServerCaller } from '@/trpc/server';

/** The Today board's page; for now its title, inside the brand shell. */
export default async function TodayPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  const strategy = await (await getServerCaller()).brands.strategy({ brandId });
  return <h1>Today · {strategy.brandName}</h1>;
}
