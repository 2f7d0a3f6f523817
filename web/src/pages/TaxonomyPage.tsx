/** Placeholder: being written. */
export default function TaxonomyPage() {
  return <p>建设中</p>;
}
