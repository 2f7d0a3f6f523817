/** Placeholder: being written. */
export default function DirectoryAdminPage() {
  return <p>建设中</p>;
}
