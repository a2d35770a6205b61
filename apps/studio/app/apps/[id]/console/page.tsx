import { redirect } from "next/navigation";

type Params = { params: Promise<{ id: string }> };

/** The console opens on its first tab, the rules playground. */
export default async function ConsolePage({ params }: Params) {
  const { id } = await params;
  redirect(`/apps/${id}/console/rules`);
}
