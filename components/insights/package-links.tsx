import Link from 'next/link';

/** Links to the packages behind an insight, numbered when there are several. */
export function PackageLinks({ brandId, packageIds, label = 'Open package' }: { brandId: string; packageIds: string[]; label?: string }) {
  if (packageIds.length === 0) return null;
  return (
    <span className="package-links small">
      {packageIds.map((packageId, i) => (
        <Link key={packageId} href={`/brands/${brandId}/packages/${packageId}`} data-testid="package-link">
          {packageIds.length === 1 ? label : `Package ${i + 1}`}
        </Link>
      ))}
    </span>
  );
}
